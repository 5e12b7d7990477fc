/**
 * What a shop's storefront and marketplaces read without a key: the product feed for
 * Google Merchant Center, from the same availability the API and the widget give.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.storefront;
