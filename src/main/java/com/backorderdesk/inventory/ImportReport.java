package com.backorderdesk.inventory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A restock import, read and checked: either every row is valid, or nothing may be
 * applied.
 *
 * @param restocks the restocks the rows without a restock id create, in file order
 * @param changes the open restocks the rows with a restock id change, in file order
 * @param unchanged how many rows name a restock and change nothing
 * @param rows how many data rows the file has
 * @param problems what is wrong, by row; empty when the import may be applied
 */
public record ImportReport(List<NewRestock> restocks, List<RestockEdit> changes, int unchanged, int rows,
		List<ImportProblem> problems) {

	public ImportReport {
		restocks = List.copyOf(restocks);
		changes = List.copyOf(changes);
		problems = List.copyOf(problems);
	}

	/**
	 * A report whose one problem is about the file as a whole.
	 * @param rows the data rows the file has
	 * @param message what is wrong
	 * @return the report
	 */
	public static ImportReport problem(int rows, String message) {
		return new ImportReport(List.of(), List.of(), 0, rows, List.of(new ImportProblem(0, "", message)));
	}

	public boolean valid() {
		return this.problems.isEmpty() && this.rows > 0;
	}

	/**
	 * What applying it does, as a digest: the same file read against the same restocks
	 * gives the same digest, and any change in between (a restock edited, received or
	 * cancelled, a version moved) gives another.
	 * @return a SHA-256 digest in hexadecimal
	 */
	public String fingerprint() {
		StringBuilder plan = new StringBuilder();
		this.restocks.forEach((restock) -> plan.append("new:")
			.append(restock.sku())
			.append('\u001f')
			.append(restock.supplier())
			.append('\u001f')
			.append(restock.quantity())
			.append('\u001f')
			.append(restock.expectedOn())
			.append('\n'));
		this.changes.forEach((edit) -> plan.append("change:")
			.append(edit.before().id())
			.append('@')
			.append(edit.before().version())
			.append('\u001f')
			.append(edit.quantity())
			.append('\u001f')
			.append(edit.expectedOn())
			.append('\n'));
		try {
			return HexFormat.of()
				.formatHex(
						MessageDigest.getInstance("SHA-256").digest(plan.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
