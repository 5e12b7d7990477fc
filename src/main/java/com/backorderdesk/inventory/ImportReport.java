package com.backorderdesk.inventory;

import java.util.List;

/**
 * A restock import, read and checked: either every row is valid, or nothing may be
 * applied.
 *
 * @param restocks the restocks the valid rows describe, in file order
 * @param rows how many data rows the file has
 * @param problems what is wrong, by row; empty when the import may be applied
 */
public record ImportReport(List<NewRestock> restocks, int rows, List<ImportProblem> problems) {

	public ImportReport {
		restocks = List.copyOf(restocks);
		problems = List.copyOf(problems);
	}

	public boolean valid() {
		return this.problems.isEmpty() && this.rows > 0;
	}

}
