/**
 * The no-setup embedded mode: a PostgreSQL server run from Maven-provided binaries, with
 * its data kept in a local folder.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.embedded;
