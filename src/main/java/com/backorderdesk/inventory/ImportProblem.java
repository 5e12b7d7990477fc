package com.backorderdesk.inventory;

/**
 * Why one row of a restock import cannot be applied.
 *
 * @param row the row's line number in the file, the header being line 1
 * @param column the column at fault ({@code sku}, {@code quantity}, ...), or empty for
 * the whole row
 * @param message what is wrong, in words a planner understands
 */
public record ImportProblem(int row, String column, String message) {
}
