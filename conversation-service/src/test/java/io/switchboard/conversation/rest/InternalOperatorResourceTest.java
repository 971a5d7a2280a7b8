package io.switchboard.conversation.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** gateway-service deactivates an operator: their Telegram link and unused link codes go. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class InternalOperatorResourceTest {

    @Test
    void aDeactivatedOperatorsTelegramLinkAndCodesAreRemovedAndOthersStay() {
        UUID operator = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        TestDatabase.update("""
                insert into operator_telegram_link (operator_id, operator_name, telegram_user_id, linked_at)
                values (?, 'Olga', ?, now()), (?, 'Ivan', ?, now())""", operator, TestUpdates.nextId(), other,
                TestUpdates.nextId());
        TestDatabase.update("""
                insert into telegram_link_code (code, operator_id, operator_name, expires_at)
                values (?, ?, 'Olga', now() + interval '10 minutes')""", ("C" + UUID.randomUUID()).substring(0, 8), operator);

        given().when().delete("/internal/operators/" + operator + "/telegram-link").then().statusCode(204);
        assertEquals(0, TestDatabase.scalar("select count(*) from operator_telegram_link where operator_id = ?", operator));
        assertEquals(0, TestDatabase.scalar("select count(*) from telegram_link_code where operator_id = ?", operator));
        assertEquals(1, TestDatabase.scalar("select count(*) from operator_telegram_link where operator_id = ?", other));
        assertEquals(1, TestDatabase.scalar("""
                select count(*) from audit_entry where action = 'telegram.unlinked' and actor_id = ?""", operator));

        // nothing to remove: still 204, nothing audited again
        given().when().delete("/internal/operators/" + operator + "/telegram-link").then().statusCode(204);
        assertEquals(1, TestDatabase.scalar("""
                select count(*) from audit_entry where action = 'telegram.unlinked' and actor_id = ?""", operator));
    }
}
