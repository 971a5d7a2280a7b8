import type { ApiClient } from '../api/ApiClient';

/**
 * `GET/PUT /api/admin/telegram/bot`: the bot in use. Never carries the token: `tokenHint` is the bot id and the
 * token's last 4 characters (`123456789:…XYZ9`).
 */
export interface TelegramBotInfo {
  configured: boolean;
  botId: number | null;
  username: string | null;
  firstName: string | null;
  tokenHint: string | null;
  /** `webhook` or `polling`. */
  mode: string | null;
  webhookUrl: string | null;
  /** `console` (stored here, encrypted) or `environment`. */
  source: string | null;
}

/** `GET /api/admin/telegram/webhook-info`: Telegram's getWebhookInfo (dates ISO-8601 or null). */
export interface TelegramWebhookInfo {
  url: string | null;
  hasCustomCertificate?: boolean;
  pendingUpdateCount: number;
  lastErrorDate: string | null;
  lastErrorMessage: string | null;
  lastSynchronizationErrorDate?: string | null;
  maxConnections?: number | null;
  allowedUpdates?: string[] | null;
  ipAddress?: string | null;
}

/** `GET/PUT /api/admin/telegram/support-group`: the forum supergroup where conversations get topics. */
export interface SupportGroup {
  chatId: number;
  linkedAt: string;
}

/**
 * A chat id typed by the admin: a negative whole number (supergroup ids look like `-1001234567890`), else null.
 * Kept within JavaScript's exact integers (supergroup ids have at most 13 digits).
 */
export function parseGroupChatId(input: string): number | null {
  const value = input.trim().replace(/\u2212/g, '-');
  if (!/^-\d{1,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) && id < 0 ? id : null;
}

/** The admin calls of the Telegram page (ingest: bot and webhook; conversation-service: support group). */
export class TelegramAdminApi {
  constructor(private readonly api: ApiClient) {}

  bot(): Promise<TelegramBotInfo> {
    return this.api.call('GET', '/api/admin/telegram/bot');
  }

  /** Stores a new token (checked with getMe: 422 when Telegram refuses it, 502 when unreachable). */
  saveBotToken(token: string): Promise<TelegramBotInfo> {
    return this.api.call('PUT', '/api/admin/telegram/bot', { token: token.trim() });
  }

  /** Removes the stored token (204); an environment token applies again. */
  removeBotToken(): Promise<void> {
    return this.api.call('DELETE', '/api/admin/telegram/bot');
  }

  webhookInfo(): Promise<TelegramWebhookInfo> {
    return this.api.call('GET', '/api/admin/telegram/webhook-info');
  }

  /** Registers the webhook again with a fresh secret; 409 in polling mode (no public URL). */
  registerWebhook(): Promise<TelegramWebhookInfo> {
    return this.api.call('POST', '/api/admin/telegram/webhook/register');
  }

  /** The linked support group, or null when none (404). */
  async supportGroup(): Promise<SupportGroup | null> {
    try {
      return await this.api.call<SupportGroup>('GET', '/api/admin/telegram/support-group');
    } catch (error) {
      if (error && typeof error === 'object' && (error as { status?: unknown }).status === 404) return null;
      throw error;
    }
  }

  saveSupportGroup(chatId: number): Promise<SupportGroup> {
    return this.api.call('PUT', '/api/admin/telegram/support-group', { chatId });
  }

  removeSupportGroup(): Promise<void> {
    return this.api.call('DELETE', '/api/admin/telegram/support-group');
  }
}
