import { describe, expect, it } from 'vitest';
import { channelLabel, conversationChannel, parseChannel } from './channel';

describe('channel', () => {
  it('reads WIDGET (any case), and TELEGRAM for anything else including absent', () => {
    expect(parseChannel('WIDGET')).toBe('WIDGET');
    expect(parseChannel('widget')).toBe('WIDGET');
    expect(parseChannel('TELEGRAM')).toBe('TELEGRAM');
    expect(parseChannel(undefined)).toBe('TELEGRAM');
    expect(parseChannel(null)).toBe('TELEGRAM');
    expect(parseChannel('')).toBe('TELEGRAM');
    expect(parseChannel(42)).toBe('TELEGRAM');
    expect(conversationChannel({ channel: 'WIDGET' })).toBe('WIDGET');
    expect(conversationChannel({})).toBe('TELEGRAM');
  });

  it('names the channels', () => {
    expect(channelLabel('TELEGRAM')).toBe('Telegram');
    expect(channelLabel('WIDGET')).toBe('Web widget');
  });
});
