/**
 * Substitutes for waiting items: staff offer a similar product, the customer accepts or
 * declines it before it expires, and accepting swaps the waiting units for stock that is
 * there now.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.substitution;
