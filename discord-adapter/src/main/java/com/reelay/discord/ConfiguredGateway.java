package com.reelay.discord;

import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/** JDA's session controller with the gateway URL from the settings (Discord's own by default). */
final class ConfiguredGateway extends ConcurrentSessionController {

    private final String url;

    ConfiguredGateway(String url) {
        this.url = url;
    }

    @Override
    public String getGateway() {
        return url;
    }
}
