package io.switchboard.conversation.domain;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodenameGeneratorTest {

    private static final Pattern SHAPE = Pattern.compile("([A-Z][a-z]+) ([A-Z][a-z]+) #([0-9A-F]{4})");

    @Test
    void codenameIsAdjectiveAnimalAndFourUpperCaseHexDigits() {
        CodenameGenerator generator = new CodenameGenerator();
        for (int i = 0; i < 2_000; i++) {
            String codename = generator.next();
            Matcher m = SHAPE.matcher(codename);
            assertTrue(m.matches(), codename);
            assertTrue(CodenameGenerator.ADJECTIVES.contains(m.group(1)), codename);
            assertTrue(CodenameGenerator.ANIMALS.contains(m.group(2)), codename);
        }
    }

    @Test
    void sameSeedGivesSameSequence() {
        CodenameGenerator a = new CodenameGenerator(new Random(42));
        CodenameGenerator b = new CodenameGenerator(new Random(42));
        for (int i = 0; i < 50; i++) {
            assertEquals(a.next(), b.next());
        }
    }

    @Test
    void drawsAreSpreadOverWordsAndDigits() {
        CodenameGenerator generator = new CodenameGenerator(new Random(7));
        Set<String> codenames = new HashSet<>();
        Set<String> adjectives = new HashSet<>();
        Set<String> animals = new HashSet<>();
        Set<Character> firstDigits = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            String codename = generator.next();
            codenames.add(codename);
            Matcher m = SHAPE.matcher(codename);
            assertTrue(m.matches());
            adjectives.add(m.group(1));
            animals.add(m.group(2));
            firstDigits.add(m.group(3).charAt(0));
        }
        assertTrue(codenames.size() > 4_990, "too many repeats: " + codenames.size());
        assertEquals(CodenameGenerator.ADJECTIVES.size(), adjectives.size());
        assertEquals(CodenameGenerator.ANIMALS.size(), animals.size());
        assertEquals(16, firstDigits.size(), "every leading hex digit appears");
    }

    @Test
    void smallHexValuesKeepLeadingZeros() {
        // a generator whose every draw is 0: first adjective, first animal, #0000
        CodenameGenerator zeros = new CodenameGenerator(new Random() {
            @Override
            public int nextInt(int bound) {
                return 0;
            }
        });
        assertEquals(CodenameGenerator.ADJECTIVES.get(0) + " " + CodenameGenerator.ANIMALS.get(0) + " #0000", zeros.next());
    }
}
