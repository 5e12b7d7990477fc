package com.backorderdesk.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;

/**
 * A staff session as {@link StaffSessions} reads and writes it: the attributes, and what
 * changed since it was read, so a request that changes nothing writes nothing (or only
 * its last use, once per {@link SessionSettings#touchInterval()}).
 */
final class StaffSession implements Session {

	private static final SecureRandom random = new SecureRandom();

	private final Clock clock;

	private final Map<String, Object> attributes;

	private final Instant creationTime;

	/** The row, or {@code 0} until the session is first saved. */
	private long rowId;

	/** The id as stored (hashed); {@code null} until saved. */
	private @Nullable String storedId;

	private @Nullable String id;

	private Instant lastAccessedTime;

	private Instant storedLastAccessedTime;

	private Duration maxInactiveInterval;

	private boolean attributesChanged;

	private boolean intervalChanged;

	/** A new session, stored on its first save. */
	StaffSession(Clock clock, Duration maxInactiveInterval) {
		this.clock = clock;
		this.attributes = new LinkedHashMap<>();
		this.creationTime = clock.instant();
		this.lastAccessedTime = this.creationTime;
		this.storedLastAccessedTime = this.creationTime;
		this.maxInactiveInterval = maxInactiveInterval;
	}

	/** A session read back from its row. */
	StaffSession(Clock clock, long rowId, String id, Map<String, Object> attributes, Instant creationTime,
			Instant lastAccessedTime, Duration maxInactiveInterval) {
		this.clock = clock;
		this.rowId = rowId;
		this.storedId = id;
		this.id = id;
		this.attributes = new LinkedHashMap<>(attributes);
		this.creationTime = creationTime;
		this.lastAccessedTime = lastAccessedTime;
		this.storedLastAccessedTime = lastAccessedTime;
		this.maxInactiveInterval = maxInactiveInterval;
	}

	/**
	 * The id: 256 random bits, made when first asked for, so a request that never starts
	 * a session never pays for one.
	 */
	@Override
	public synchronized String getId() {
		if (this.id == null) {
			this.id = newId();
		}
		return this.id;
	}

	@Override
	public synchronized String changeSessionId() {
		this.id = newId();
		return this.id;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T getAttribute(String attributeName) {
		return (T) this.attributes.get(attributeName);
	}

	@Override
	public Set<String> getAttributeNames() {
		return Set.copyOf(this.attributes.keySet());
	}

	@Override
	public void setAttribute(String attributeName, @Nullable Object attributeValue) {
		if (attributeValue == null) {
			removeAttribute(attributeName);
			return;
		}
		this.attributes.put(attributeName, attributeValue);
		this.attributesChanged = true;
	}

	@Override
	public void removeAttribute(String attributeName) {
		if (this.attributes.remove(attributeName) != null) {
			this.attributesChanged = true;
		}
	}

	@Override
	public Instant getCreationTime() {
		return this.creationTime;
	}

	@Override
	public void setLastAccessedTime(Instant lastAccessedTime) {
		this.lastAccessedTime = lastAccessedTime;
	}

	@Override
	public Instant getLastAccessedTime() {
		return this.lastAccessedTime;
	}

	@Override
	public void setMaxInactiveInterval(Duration interval) {
		this.maxInactiveInterval = interval;
		this.intervalChanged = true;
	}

	@Override
	public Duration getMaxInactiveInterval() {
		return this.maxInactiveInterval;
	}

	@Override
	public boolean isExpired() {
		return !this.clock.instant().isBefore(expiresAt());
	}

	Instant expiresAt() {
		return this.lastAccessedTime.plus(this.maxInactiveInterval);
	}

	Map<String, Object> attributes() {
		return this.attributes;
	}

	long rowId() {
		return this.rowId;
	}

	boolean isNew() {
		return this.rowId == 0;
	}

	@Nullable String storedId() {
		return this.storedId;
	}

	/**
	 * Whether saving must write the row: something changed, or the last use moved on
	 * further than the touch interval.
	 */
	boolean needsWrite(Duration touchInterval) {
		return isNew() || this.attributesChanged || this.intervalChanged || !getId().equals(this.storedId)
				|| this.lastAccessedTime.isAfter(this.storedLastAccessedTime.plus(touchInterval));
	}

	/** Records that the row now holds this state. */
	void stored(long rowId) {
		this.rowId = rowId;
		this.storedId = getId();
		this.storedLastAccessedTime = this.lastAccessedTime;
		this.attributesChanged = false;
		this.intervalChanged = false;
	}

	private static String newId() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Hmac.ENCODER.encodeToString(bytes);
	}

}
