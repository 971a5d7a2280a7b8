package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.OperatorTelegramLink;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The {@code operator_telegram_link} table: operators' linked Telegram accounts. */
@ApplicationScoped
@WithSession
public class OperatorTelegramLinkRepository implements PanacheRepositoryBase<OperatorTelegramLink, UUID> {

    /** The link of Telegram user {@code telegramUserId}, or null. */
    public Uni<OperatorTelegramLink> findByTelegramUser(long telegramUserId) {
        return find("telegramUserId", telegramUserId).firstResult();
    }
}
