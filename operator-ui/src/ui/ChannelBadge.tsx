import { Box, Tooltip } from '@mantine/core';
import type { Conversation } from '../api/types';
import { channelLabel, conversationChannel } from '../format/channel';
import { TelegramIcon, WidgetIcon } from './icons';

/** A small icon for the conversation's channel (Telegram or web widget), named for screen readers and on hover. */
export function ChannelBadge({ conversation, size = 14 }: { conversation: Pick<Conversation, 'channel'>; size?: number }) {
  const channel = conversationChannel(conversation);
  const label = channelLabel(channel);
  return (
    <Tooltip label={label} withArrow openDelay={300}>
      <Box component="span" role="img" aria-label={label} data-testid="conversation-channel"
        data-channel={channel} c={channel === 'WIDGET' ? 'teal.7' : 'blue.6'}
        style={{ display: 'inline-flex', flexShrink: 0 }}>
        {channel === 'WIDGET' ? <WidgetIcon size={size} /> : <TelegramIcon size={size} />}
      </Box>
    </Tooltip>
  );
}
