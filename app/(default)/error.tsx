'use client';

import { ErrorView } from '@/components/layout/error-view';

/** A page of this tree that failed to render: translated, inside the site's header and footer. */
export default function SegmentError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView error={error} reset={reset} />;
}
