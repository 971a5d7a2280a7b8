import { Badge, Tabs } from '@mantine/core';
import type { ConversationCounts } from '../api/types';
import { type MessageKey, t } from '../i18n';
import { CONVERSATION_TABS, type ConversationTab, tabCount } from '../state/listQuery';

const LABELS: Record<ConversationTab, MessageKey> = {
  unclaimed: 'tabs.unclaimed',
  mine: 'tabs.mine',
  all: 'tabs.all',
  closed: 'tabs.closed',
  blocked: 'tabs.blocked',
};

/** Status tabs Unclaimed / Mine / All (open) / Closed / Blocked, each with its count from the server. */
export function ConversationTabs({ tab, counts, onChange }: {
  tab: ConversationTab;
  counts: ConversationCounts | null;
  onChange: (tab: ConversationTab) => void;
}) {
  return (
    <Tabs value={tab} onChange={(value) => value && onChange(value as ConversationTab)} variant="pills" radius="xl"
      keepMounted={false}>
      <Tabs.List aria-label={t('tabs.label')} style={{ gap: 4 }}>
        {CONVERSATION_TABS.map((value) => {
          const count = counts ? tabCount(value, counts) : null;
          return (
            <Tabs.Tab key={value} value={value} data-testid={`tab-${value}`} px={10} py={4} fz="sm"
              rightSection={count === null ? undefined : (
                <Badge size="xs" variant={value === tab ? 'white' : 'light'} circle={count < 10}
                  data-testid="tab-count" aria-label={t('tabs.countLabel', { count })}>
                  {count}
                </Badge>
              )}>
              {t(LABELS[value])}
            </Tabs.Tab>
          );
        })}
      </Tabs.List>
    </Tabs>
  );
}
