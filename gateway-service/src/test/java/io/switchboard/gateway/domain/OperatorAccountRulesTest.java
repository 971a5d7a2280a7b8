package io.switchboard.gateway.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperatorAccountRulesTest {

    @Test
    void usernames() {
        for (String good : new String[] {"ada", "Ada.Lovelace_1-x", "a".repeat(32), "123"}) {
            assertEquals(Optional.empty(), OperatorAccountRules.usernameViolation(good), good);
        }
        for (String bad : new String[] {"ab", "a".repeat(33), "has space", "émile", "a/b", "a@b.c", "tab\t"}) {
            assertTrue(OperatorAccountRules.usernameViolation(bad).isPresent(), bad);
        }
        assertEquals(Optional.of("username is required"), OperatorAccountRules.usernameViolation(null));
        assertEquals(Optional.of("username is required"), OperatorAccountRules.usernameViolation(""));
    }

    @Test
    void passwordsCountCharactersAndFitBcrypt() {
        assertTrue(OperatorAccountRules.passwordViolation("012345678").isPresent());
        assertEquals(Optional.empty(), OperatorAccountRules.passwordViolation("0123456789"));
        // ten characters of two bytes each are fine; 36 of them (72 bytes) are more than bcrypt takes
        assertEquals(Optional.empty(), OperatorAccountRules.passwordViolation("é".repeat(10)));
        assertEquals(Optional.empty(), OperatorAccountRules.passwordViolation("é".repeat(35) + "a"));
        assertTrue(OperatorAccountRules.passwordViolation("é".repeat(36)).orElseThrow().contains("71 bytes"));
        // nine emoji are 18 UTF-16 units but nine characters
        assertTrue(OperatorAccountRules.passwordViolation("😀".repeat(9)).isPresent());
        assertTrue(OperatorAccountRules.passwordViolation(null).isPresent());
    }

    @Test
    void displayNames() {
        assertEquals(Optional.empty(), OperatorAccountRules.displayNameViolation("N"));
        assertEquals(Optional.empty(), OperatorAccountRules.displayNameViolation("😀".repeat(64)));
        assertTrue(OperatorAccountRules.displayNameViolation("n".repeat(65)).isPresent());
        assertTrue(OperatorAccountRules.displayNameViolation("").isPresent());
        assertTrue(OperatorAccountRules.displayNameViolation(null).isPresent());
        assertTrue(OperatorAccountRules.displayNameViolation("line\nbreak").isPresent());
    }

    @Test
    void rolesAreNamedExactly() {
        assertEquals(Optional.of(OperatorRole.ADMIN), OperatorAccountRules.role("ADMIN"));
        assertEquals(Optional.of(OperatorRole.OPERATOR), OperatorAccountRules.role("OPERATOR"));
        assertEquals(Optional.empty(), OperatorAccountRules.role("admin"));
        assertEquals(Optional.empty(), OperatorAccountRules.role("ROOT"));
        assertEquals(Optional.empty(), OperatorAccountRules.role(null));
    }
}
