import { Chip, ColorSwatch, Group, Pill, Select } from '@mantine/core';
import { t } from '../i18n';
import type { ListQuery } from '../state/listQuery';
import { useConsoleData } from './consoleData';

/** Filters under the tabs: tag, unread only, and the active text filter (removable). */
export function ListFilters({ query, onChange }: { query: ListQuery; onChange: (query: ListQuery) => void }) {
  const { tags, reloadTags } = useConsoleData();
  const colors = new Map(tags.map((tag) => [tag.id, tag.color]));
  return (
    <Group gap="xs" wrap="wrap" align="center">
      <Select
        size="xs"
        w={150}
        placeholder={t('filters.anyTag')}
        aria-label={t('filters.tag')}
        data={tags.map((tag) => ({ value: tag.id, label: tag.name }))}
        value={query.tag}
        onChange={(value) => onChange({ ...query, tag: value })}
        onDropdownOpen={reloadTags}
        clearable
        searchable
        nothingFoundMessage={t('tags.none')}
        leftSection={query.tag && colors.get(query.tag) ? <ColorSwatch size={12} color={colors.get(query.tag)!} /> : undefined}
        renderOption={({ option }) => (
          <Group gap={6} wrap="nowrap">
            <ColorSwatch size={12} color={colors.get(option.value) ?? '#888888'} />
            {option.label}
          </Group>
        )}
        data-testid="tag-filter"
        comboboxProps={{ withinPortal: true }}
      />
      <Chip size="xs" checked={query.unread} onChange={(checked) => onChange({ ...query, unread: checked })}
        wrapperProps={{ 'data-testid': 'unread-filter' }}>
        {t('filters.unread')}
      </Chip>
      {query.q.trim() && (
        <Pill withRemoveButton onRemove={() => onChange({ ...query, q: '' })} data-testid="text-filter"
          removeButtonProps={{ 'aria-label': t('filters.clearText') }}>
          {t('filters.text', { q: query.q.trim() })}
        </Pill>
      )}
    </Group>
  );
}
