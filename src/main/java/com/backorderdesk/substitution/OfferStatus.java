package com.backorderdesk.substitution;

/**
 * Where a substitution offer stands. Only {@link #OFFERED} can still change.
 */
public enum OfferStatus {

	OFFERED,

	/**
	 * The customer took the substitute; the original line's waiting units are cancelled.
	 */
	ACCEPTED,

	DECLINED,

	/** Nobody decided before it expired. */
	EXPIRED,

	/** Another offer for the same line was accepted. */
	WITHDRAWN

}
