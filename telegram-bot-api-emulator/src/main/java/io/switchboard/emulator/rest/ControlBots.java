package io.switchboard.emulator.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;

import io.switchboard.emulator.config.EmulatorConfig;
import io.switchboard.emulator.domain.BotApiError;
import io.switchboard.emulator.domain.BotState;
import io.switchboard.emulator.service.BotRegistry;

/** The bot a control API request is about: its {@code token} query parameter, else {@code emulator.default-token}. */
@ApplicationScoped
public class ControlBots {

    private final EmulatorConfig config;
    private final BotRegistry bots;

    ControlBots(EmulatorConfig config, BotRegistry bots) {
        this.config = config;
        this.bots = bots;
    }

    /** The token to use: {@code token}, or the default one when blank. */
    public String effectiveToken(String token) {
        return token == null || token.isBlank() ? config.defaultToken() : token;
    }

    /** The bot of {@code token} (default when blank); 400 problem for a malformed token. */
    public BotState bot(String token) {
        try {
            return bots.bot(effectiveToken(token));
        } catch (BotApiError e) {
            throw new BadRequestException("A bot token looks like <bot id digits>:<secret>.");
        }
    }
}
