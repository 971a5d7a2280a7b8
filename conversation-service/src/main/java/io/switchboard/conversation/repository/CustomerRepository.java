package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.domain.TelegramSender;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The {@code customer} table. */
@ApplicationScoped
@WithSession
public class CustomerRepository implements PanacheRepositoryBase<Customer, UUID> {

    /**
     * Inserts the sender as a customer, or refreshes the stored profile when the Telegram user is known
     * ({@code INSERT ... ON CONFLICT (telegram_user_id) DO UPDATE}, which also locks the row until commit, so two
     * transactions for one customer run one after the other), then loads it.
     */
    public Uni<Customer> upsert(TelegramSender sender, long chatId, Instant now) {
        return getSession().chain(session -> session.createNativeQuery("""
                        insert into customer (id, telegram_user_id, telegram_chat_id, first_name, last_name, username,
                                              language_code, display_name, created_at, updated_at)
                        values (:id, :userId, :chatId, :firstName, :lastName, :username, :languageCode, :displayName,
                                :now, :now)
                        on conflict (telegram_user_id) do update set
                            telegram_chat_id = excluded.telegram_chat_id,
                            first_name = excluded.first_name,
                            last_name = excluded.last_name,
                            username = excluded.username,
                            language_code = excluded.language_code,
                            display_name = excluded.display_name,
                            updated_at = excluded.updated_at""")
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("userId", sender.userId())
                        .setParameter("chatId", chatId)
                        .setParameter("firstName", sender.firstName())
                        .setParameter("lastName", sender.lastName())
                        .setParameter("username", sender.username())
                        .setParameter("languageCode", sender.languageCode())
                        .setParameter("displayName", sender.displayName())
                        .setParameter("now", now)
                        .executeUpdate())
                .chain(() -> find("telegramUserId", sender.userId()).singleResult());
    }

    /** The customers with these ids (any order). */
    public Uni<List<Customer>> listByIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", ids);
    }
}
