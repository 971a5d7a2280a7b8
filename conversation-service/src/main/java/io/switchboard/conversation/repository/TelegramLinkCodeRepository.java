package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.TelegramLinkCode;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code telegram_link_code} table: one-time codes for {@code /link CODE}. */
@ApplicationScoped
@WithSession
public class TelegramLinkCodeRepository implements PanacheRepositoryBase<TelegramLinkCode, String> {
}
