package com.backorderdesk.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * HMAC-SHA256 and the base64url form every signed value here travels in: links, the
 * customer's access cookie, CSRF tokens and trusted-device cookies.
 */
final class Hmac {

	private static final String ALGORITHM = "HmacSHA256";

	static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private Hmac() {
	}

	/**
	 * Signs bytes.
	 * @param key the key
	 * @param data what to sign
	 * @return the 32-byte signature
	 */
	static byte[] sign(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(key, ALGORITHM));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", ex);
		}
	}

	/**
	 * A key for one purpose, derived from the shared secret, so that a value signed for
	 * one use (a link) is never accepted for another (a cookie).
	 * @param secret the shared secret
	 * @param purpose the use, such as {@code "access-cookie"}
	 * @return the derived key
	 */
	static byte[] derive(byte[] secret, String purpose) {
		return sign(secret, ("backorder-desk:" + purpose).getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Checks a signature in constant time.
	 * @param key the key
	 * @param data what was signed
	 * @param signature the signature presented
	 * @return whether it is ours
	 */
	static boolean verify(byte[] key, byte[] data, byte[] signature) {
		return MessageDigest.isEqual(sign(key, data), signature);
	}

	/**
	 * Reads {@code base64url(payload) "." base64url(signature)} when the signature is
	 * ours.
	 * @param value the signed value
	 * @param key the key
	 * @param maxLength the longest value accepted
	 * @return the payload, or {@code null} for anything we did not sign
	 */
	static byte @Nullable [] open(String value, byte[] key, int maxLength) {
		int dot = value.indexOf('.');
		if (dot < 0 || value.length() > maxLength) {
			return null;
		}
		try {
			byte[] payload = DECODER.decode(value.substring(0, dot));
			byte[] signature = DECODER.decode(value.substring(dot + 1));
			// the signature is checked before any field is trusted
			return verify(key, payload, signature) ? payload : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Writes {@code base64url(payload) "." base64url(signature)}.
	 * @param payload the payload
	 * @param key the key
	 * @return the signed value
	 */
	static String seal(byte[] payload, byte[] key) {
		return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(sign(key, payload));
	}

}
