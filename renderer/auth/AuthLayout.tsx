// SPDX-License-Identifier: GPL-3.0-or-later
/** The centred card shared by the first-run, unlock and unreadable screens. */
import type { ReactNode } from 'react';
import { BrandMark } from '../shared/BrandMark';

export interface AuthLayoutProps {
  readonly title: string;
  readonly lead?: ReactNode;
  readonly children: ReactNode;
  readonly footer?: ReactNode;
}

export function AuthLayout({ title, lead, children, footer }: AuthLayoutProps) {
  return (
    <main className="auth">
      <section className="auth-card" aria-labelledby="auth-title">
        <header className="auth-header">
          <BrandMark size={48} />
          <h1 id="auth-title">{title}</h1>
          {lead ? <div className="auth-lead">{lead}</div> : null}
        </header>
        {children}
      </section>
      {footer ? <footer className="auth-footer">{footer}</footer> : null}
    </main>
  );
}
