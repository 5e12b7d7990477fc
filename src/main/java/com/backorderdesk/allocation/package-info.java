/**
 * The ETA engine: turns a SKU's stock, inbound restocks and demand queue into allocations
 * and honest delivery windows, as pure Java with no I/O so it can be tested and
 * benchmarked alone.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.allocation;
