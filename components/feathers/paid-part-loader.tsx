'use client';

import { lazy, Suspense, type ComponentProps } from 'react';
import type { PaidPart as PaidPartComponent } from './paid-part';

// Only a paid article has 购买: its code loads with that article (rendered into its
// HTML, hydrated once the chunk is in), not with every article, whose JavaScript has a budget.
const PaidPart = lazy(() => import('./paid-part').then((m) => ({ default: m.PaidPart })));

export function PaidPartLoader(props: ComponentProps<typeof PaidPartComponent>) {
  return (
    <Suspense fallback={null}>
      <PaidPart {...props} />
    </Suspense>
  );
}
