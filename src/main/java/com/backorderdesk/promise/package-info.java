/**
 * The promise ledger: every order line's first promised delivery window against what
 * happened (later windows, the day its units became ready and shipped), and the report of
 * how often first promises hold.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.promise;
