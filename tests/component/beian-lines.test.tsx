import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BeianLines } from '@/components/layout/beian-lines';
import zhCN from '@/messages/zh-CN.json';

const policeText = (region: string, code: string) => zhCN.Layout.policeBeian.replace('{region}', region).replace('{code}', code);

describe('BeianLines', () => {
  it('links the ICP number to the MIIT register and the 公安备案 to its record, in the badge wording', () => {
    render(
      <BeianLines
        beian={{
          icp: { number: '京ICP备12345678号-1', href: 'https://beian.miit.gov.cn/' },
          police: { region: '京', code: '11010502030143', href: 'https://beian.mps.gov.cn/#/query/webSearch?code=11010502030143' },
        }}
        policeText={policeText}
      />,
    );
    expect(screen.getByRole('link', { name: '京ICP备12345678号-1' })).toHaveAttribute('href', 'https://beian.miit.gov.cn/');
    expect(screen.getByRole('link', { name: '京公网安备 11010502030143号' })).toHaveAttribute(
      'href',
      'https://beian.mps.gov.cn/#/query/webSearch?code=11010502030143',
    );
  });

  it('shows nothing when content/site.md gives no number, and only the line it gives', () => {
    const { container, rerender } = render(<BeianLines beian={{}} policeText={policeText} />);
    expect(container).toBeEmptyDOMElement();
    rerender(<BeianLines beian={{ icp: { number: '沪ICP备87654321号', href: 'https://beian.miit.gov.cn/' } }} policeText={policeText} />);
    expect(screen.getAllByRole('link')).toHaveLength(1);
  });
});
