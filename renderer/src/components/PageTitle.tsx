import { useEffect, useRef, type ReactNode } from 'react';

/** Each page's heading takes the focus when the page opens, so the keyboard starts at its top. */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
