import { Box, Loader, Popover, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import type { SearchResults } from '../api/types';
import { relativeTime } from '../format/labels';
import { t } from '../i18n';
import { errorText, useServices } from './services';

interface Hit {
  key: string;
  kind: 'customer' | 'message';
  conversationId: string | null;
  title: string;
  detail: string;
}

function hitsOf(results: SearchResults | null, now: number): Hit[] {
  if (!results) return [];
  const customers: Hit[] = (results.customers ?? []).map((c) => ({
    key: `c:${c.id}`,
    kind: 'customer',
    conversationId: c.conversationId,
    title: c.displayName + (c.nickname ? ` · ${c.nickname}` : ''),
    detail: c.username ? `@${c.username}` : '',
  }));
  const messages: Hit[] = (results.messages ?? []).map((m) => ({
    key: `m:${m.messageId}`,
    kind: 'message',
    conversationId: m.conversationId,
    title: m.codename,
    detail: `${m.snippet} · ${relativeTime(m.createdAt, now)}`,
  }));
  return [...customers, ...messages];
}

/**
 * Search over customers and message text (`GET /api/search?q=`, debounced, at least 2 characters) with a results
 * dropdown: clicking a result (or Enter on the highlighted one) opens its conversation; Enter without a highlighted
 * result filters the conversation list by the text instead.
 */
export function SearchBox({ onOpenConversation, onFilterList, now }: {
  onOpenConversation: (conversationId: string) => void;
  onFilterList: (q: string) => void;
  now: number;
}) {
  const { api } = useServices();
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const [results, setResults] = useState<SearchResults | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    if (debounced.length < 2) {
      setResults(null);
      setError(null);
      return;
    }
    let cancelled = false;
    setLoading(true);
    api.search(debounced).then(
      (answer) => {
        if (cancelled) return;
        setResults(answer);
        setError(null);
        setActive(-1);
      },
      (failure) => {
        if (!cancelled) setError(errorText(failure));
      },
    ).finally(() => {
      if (!cancelled) setLoading(false);
    });
    return () => {
      cancelled = true;
    };
  }, [api, debounced]);

  const hits = useMemo(() => hitsOf(results, now), [results, now]);
  const opened = focused && text.trim().length > 0;

  function choose(hit: Hit) {
    if (!hit.conversationId) return;
    onOpenConversation(hit.conversationId);
    setFocused(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && hits.length) {
      event.preventDefault();
      setActive((i) => (i + 1) % hits.length);
    } else if (event.key === 'ArrowUp' && hits.length) {
      event.preventDefault();
      setActive((i) => (i <= 0 ? hits.length - 1 : i - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (active >= 0 && hits[active]) choose(hits[active]);
      else if (text.trim()) {
        onFilterList(text.trim());
        setFocused(false);
      }
    } else if (event.key === 'Escape') {
      setFocused(false);
    }
  }

  return (
    <Popover opened={opened} position="bottom-start" width="target" shadow="md" trapFocus={false} returnFocus={false}
      onDismiss={() => setFocused(false)}>
      <Popover.Target>
        <TextInput
          size="sm"
          type="search"
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setFocused(true);
          }}
          onFocus={() => setFocused(true)}
          onKeyDown={onKeyDown}
          rightSection={loading ? <Loader size={14} /> : undefined}
          data-testid="search-input"
          aria-autocomplete="list"
          aria-expanded={opened}
        />
      </Popover.Target>
      <Popover.Dropdown p={4} onMouseDown={(event) => event.preventDefault()}>
        <ScrollArea.Autosize mah={360} type="auto">
          <SearchResultsList hits={hits} active={active} onChoose={choose} />
          {text.trim().length < 2 && <Text size="xs" c="dimmed" p="xs">{t('search.tooShort')}</Text>}
          {error && <Text size="xs" c="red" p="xs" role="alert">{t('search.failed', { reason: error })}</Text>}
          {results && hits.length === 0 && !error && <Text size="xs" c="dimmed" p="xs">{t('search.none')}</Text>}
          {text.trim().length >= 2 && (
            <Text size="xs" c="dimmed" p="xs">{t('search.filterList', { q: text.trim() })}</Text>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

function SearchResultsList({ hits, active, onChoose }: { hits: Hit[]; active: number; onChoose: (hit: Hit) => void }) {
  const firstMessage = hits.findIndex((hit) => hit.kind === 'message');
  return (
    <Stack gap={0} role="listbox" aria-label={t('search.label')}>
      {hits.map((hit, index) => (
        <Box key={hit.key}>
          {(index === 0 || index === firstMessage) && (
            <Text size="xs" fw={700} c="dimmed" px="xs" pt={6} pb={2} tt="uppercase">
              {hit.kind === 'customer' ? t('search.customers') : t('search.messages')}
            </Text>
          )}
          <UnstyledButton
            w="100%"
            px="xs"
            py={6}
            role="option"
            aria-selected={index === active}
            disabled={!hit.conversationId}
            onClick={() => onChoose(hit)}
            data-testid="search-result"
            data-kind={hit.kind}
            data-conversation-id={hit.conversationId ?? undefined}
            style={{ borderRadius: 6, background: index === active ? 'var(--mantine-primary-color-light)' : undefined }}
          >
            <Text size="sm" fw={500} truncate="end" dir="auto">{hit.title}</Text>
            {hit.detail && <Text size="xs" c="dimmed" lineClamp={2} dir="auto">{hit.detail}</Text>}
          </UnstyledButton>
        </Box>
      ))}
    </Stack>
  );
}
