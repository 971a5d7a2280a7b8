import { MantineProvider } from '@mantine/core';
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../api/ApiClient';
import type { AuthSession } from '../auth/AuthSession';
import { ServicesContext } from '../ui/services';
import { AdminArea } from './AdminEntry';
import type { SystemMessageTemplate } from './adminApi';
import { AuditPage } from './AuditPage';
import { CannedPage } from './CannedPage';
import { OperatorAudit } from './OperatorAuditDrawer';
import { RecordsPage } from './RecordsPage';
import { TagsPage } from './TagsPage';
import { TemplateEditor, TemplatesPage } from './TemplatesPage';
import { TimersPage } from './TimersPage';

/** Server-side render (no effects run, so nothing is fetched) inside the providers the console gives. */
function render(element: ReactElement): string {
  const services = {
    auth: { current: () => null } as unknown as AuthSession,
    api: { call: () => new Promise(() => undefined) } as unknown as ApiClient,
  };
  return renderToString(
    createElement(MantineProvider, null, createElement(ServicesContext.Provider, { value: services }, element)),
  );
}

describe('admin rendering', () => {
  it('AdminArea shows the close button, all seven tabs and the operator create form', () => {
    const html = render(createElement(AdminArea, { onClose: () => undefined }));
    for (const testId of [
      'admin-area', 'admin-close', 'admin-tab-operators', 'admin-tab-templates', 'admin-tab-timers', 'admin-tab-canned',
      'admin-tab-tags', 'admin-tab-audit', 'admin-tab-records', 'operator-create-username', 'operator-create-password',
      'operator-create-displayname', 'operator-create-role', 'operator-create-submit',
    ]) {
      expect(html, testId).toContain(`data-testid="${testId}"`);
    }
    expect(html).toMatch(/<select[^>]*data-testid="operator-create-role"/);
    expect(html).toMatch(/<input[^>]*data-testid="operator-create-username"/);
    expect(render(createElement(RecordsPage))).toMatch(/<input[^>]*type="date"[^>]*data-testid="records-closed-before"|<input[^>]*data-testid="records-closed-before"[^>]*type="date"/);
    // only the open tab is mounted
    expect(html).not.toContain('data-testid="timers-form"');
  });

  it('every other tab renders its forms before data arrives', () => {
    const expectations: [() => ReactElement, string[]][] = [
      [() => createElement(CannedPage), ['canned-create-title', 'canned-create-text', 'canned-create-category',
        'canned-create-shortcut', 'canned-create-shared', 'canned-create-submit', 'canned-search', 'canned-table']],
      [() => createElement(TagsPage), ['tag-create-name', 'tag-create-color', 'tag-create-submit', 'tag-table']],
      [() => createElement(AuditPage), ['audit-filter', 'audit-table']],
      [() => createElement(RecordsPage), ['records-filter-form', 'records-closed-before', 'records-filter-submit',
        'records-ids-form', 'records-ids', 'records-ids-submit']],
      [() => createElement(OperatorAudit, { operatorId: 'o1' }), ['operator-audit']],
      [() => createElement(TemplatesPage), []],
      [() => createElement(TimersPage), []],
    ];
    for (const [element, testIds] of expectations) {
      const html = render(element());
      for (const testId of testIds) expect(html, testId).toContain(`data-testid="${testId}"`);
    }
  });

  it('the template editor has a text box per locale, fa written right to left', () => {
    const template: SystemMessageTemplate = {
      key: 'welcome_message', texts: { en: 'Hello {customerName}', he: 'שלום' }, widgetBanner: true,
      transcriptBubble: false, telegram: true, pin: false, rateLimitSeconds: 0,
    };
    const html = render(createElement(TemplateEditor, { template, onSaved: () => undefined }));
    for (const locale of ['en', 'ru', 'fa', 'he']) expect(html).toContain(`data-testid="template-text-${locale}"`);
    expect(html).toMatch(/<textarea[^>]*dir="rtl"[^>]*data-testid="template-text-fa"/);
    expect(html).toMatch(/<textarea[^>]*dir="ltr"[^>]*data-testid="template-text-en"/);
    expect(html).toContain('Hello {customerName}');
    expect(html).toContain('{codename}, {customerName}, {operatorName}');
    expect(html).toContain('data-testid="template-save"');
  });
});
