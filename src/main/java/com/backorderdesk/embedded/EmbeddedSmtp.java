package com.backorderdesk.embedded;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The embedded mode's SMTP server: GreenMail on 127.0.0.1, accepting mail for any address
 * without a login and keeping it in memory, so nothing ever leaves the machine.
 */
final class EmbeddedSmtp {

	private EmbeddedSmtp() {
	}

	/**
	 * Starts a server.
	 * @param port the port, or 0 for a free one
	 * @return the running server
	 */
	static GreenMail start(int port) {
		ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
		if (port == 0) {
			setup = setup.dynamicPort();
		}
		GreenMail smtp = new GreenMail(setup)
			.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
		smtp.start();
		return smtp;
	}

}
