import { Box, Button, Group, Tabs, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { AuditPage } from './AuditPage';
import { CannedPage } from './CannedPage';
import { at } from './i18n';
import { tt } from '../i18n/telegram';
import { OperatorsPage } from './OperatorsPage';
import { RecordsPage } from './RecordsPage';
import { TagsPage } from './TagsPage';
import { TelegramPage } from './TelegramPage';
import { TemplatesPage } from './TemplatesPage';
import { TimersPage } from './TimersPage';

const TABS = [
  { value: 'operators', label: () => at('admin.tab.operators'), Page: OperatorsPage },
  { value: 'templates', label: () => at('admin.tab.templates'), Page: TemplatesPage },
  { value: 'timers', label: () => at('admin.tab.timers'), Page: TimersPage },
  { value: 'canned', label: () => at('admin.tab.canned'), Page: CannedPage },
  { value: 'tags', label: () => at('admin.tab.tags'), Page: TagsPage },
  { value: 'audit', label: () => at('admin.tab.audit'), Page: AuditPage },
  { value: 'records', label: () => at('admin.tab.records'), Page: RecordsPage },
  { value: 'telegram', label: () => tt('tg.admin.tab'), Page: TelegramPage },
] as const satisfies readonly { value: string; label: () => string; Page: () => ReactNode }[];

type TabValue = (typeof TABS)[number]['value'];

/**
 * The admin area, shown full-page instead of the console: tabs for operators, system message templates, timers,
 * canned responses, tags, the audit log, records (bulk deletion) and Telegram (bot token, webhook, support group). Only the open tab is mounted, so each tab loads its data when opened.
 * Every call goes through the signed-in admin's token; a non-admin sees the server's 403 inline.
 */
export function AdminArea({ onClose }: { onClose: () => void }) {
  const [tab, setTab] = useState<TabValue>('operators');
  return (
    <Box p="md" data-testid="admin-area" component="main" style={{ height: '100%', overflowY: 'auto' }}>
      <Group justify="space-between" mb="md" wrap="nowrap">
        <Title order={2} size="h3">{at('admin.title')}</Title>
        <Button variant="default" onClick={onClose} data-testid="admin-close">{at('admin.close')}</Button>
      </Group>
      <Tabs value={tab} onChange={(value) => value && setTab(value as TabValue)} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map(({ value, label }) => (
            <Tabs.Tab key={value} value={value} data-testid={`admin-tab-${value}`}>{label()}</Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map(({ value, Page }) => (
          <Tabs.Panel key={value} value={value} data-testid={`admin-panel-${value}`}>
            <Page />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Box>
  );
}
