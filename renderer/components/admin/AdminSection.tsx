import type { ReactNode } from 'react';

export interface AdminSectionProps {
  /** Names the heading's id (`<id>-title`), which labels the section. */
  readonly id: string;
  readonly title: string;
  readonly className?: string;
  readonly children: ReactNode;
}

/** One titled section of the admin screen. */
export function AdminSection({ id, title, className, children }: AdminSectionProps) {
  return (
    <section className={className ? `admin-section ${className}` : 'admin-section'} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}
