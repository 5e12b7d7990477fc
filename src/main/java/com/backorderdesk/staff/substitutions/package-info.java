/**
 * The substitution workbench: waiting lines by SKU, ranked substitutes, offers and their
 * answers, live.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.staff.substitutions;
