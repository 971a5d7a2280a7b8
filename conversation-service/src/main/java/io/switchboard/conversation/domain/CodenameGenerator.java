package io.switchboard.conversation.domain;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Human-friendly conversation names such as {@code "Blue Lion #84C2"}: an adjective, an animal and four upper-case
 * hexadecimal digits, about 64 million combinations. Uniqueness among open conversations is the database's job (a
 * partial unique index); this class only draws names.
 */
public final class CodenameGenerator {

    static final List<String> ADJECTIVES = List.of(
            "Amber", "Azure", "Bold", "Brave", "Bright", "Blue", "Calm", "Clever", "Coral", "Crimson",
            "Eager", "Fierce", "Gentle", "Golden", "Green", "Happy", "Indigo", "Jolly", "Keen", "Lively",
            "Lucky", "Mellow", "Misty", "Noble", "Olive", "Proud", "Quick", "Quiet", "Rapid", "Red",
            "Silver", "Sunny", "Swift", "Teal", "Violet", "Wise");

    static final List<String> ANIMALS = List.of(
            "Badger", "Bear", "Beaver", "Bison", "Crane", "Dolphin", "Eagle", "Falcon", "Fox", "Gecko",
            "Heron", "Ibis", "Jaguar", "Koala", "Lemur", "Lion", "Lynx", "Marten", "Moose", "Otter",
            "Owl", "Panda", "Puffin", "Raven", "Seal", "Stork", "Tiger", "Toucan", "Walrus", "Wolf",
            "Yak", "Zebra");

    private final Supplier<RandomGenerator> random;

    /** Draws from {@link ThreadLocalRandom}. */
    public CodenameGenerator() {
        this(ThreadLocalRandom::current);
    }

    /** Draws from {@code random} (tests pass a seeded generator; it must not be shared across threads). */
    public CodenameGenerator(RandomGenerator random) {
        this(() -> random);
    }

    private CodenameGenerator(Supplier<RandomGenerator> random) {
        this.random = random;
    }

    /** A new codename, e.g. {@code "Swift Otter #0A3F"}. */
    public String next() {
        RandomGenerator r = random.get();
        String adjective = ADJECTIVES.get(r.nextInt(ADJECTIVES.size()));
        String animal = ANIMALS.get(r.nextInt(ANIMALS.size()));
        return adjective + " " + animal + " #" + String.format("%04X", r.nextInt(0x10000));
    }
}
