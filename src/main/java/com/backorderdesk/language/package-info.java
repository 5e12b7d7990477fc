/**
 * The languages customers read the shop in: which are supported, how a request or an
 * order picks one, and the message bundles formatted with ICU's plural and number rules.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.language;
