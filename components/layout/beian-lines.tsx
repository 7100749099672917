/** The footer's 备案 numbers as getBeian() gives them. */
export type BeianView = { icp?: { number: string; href: string }; police?: { region: string; code: string; href: string } };

/**
 * The filing lines a site hosted in mainland China shows in its footer: the ICP
 * number linked to the MIIT's register, and the public security filing in the
 * police badge's wording (「京公网安备 11010502030143号」) linked to its record.
 * Official marks: Simplified Chinese in every locale. Nothing when none is set.
 */
export function BeianLines({ beian, policeText }: { beian: BeianView; policeText: (region: string, code: string) => string }) {
  const { icp, police } = beian;
  if (!icp && !police) return null;
  return (
    <p className="beian" lang="zh-CN">
      {icp && (
        <a href={icp.href} rel="noopener" target="_blank">
          {icp.number}
        </a>
      )}
      {police && (
        <a href={police.href} rel="noopener" target="_blank">
          {policeText(police.region, police.code)}
        </a>
      )}
    </p>
  );
}
