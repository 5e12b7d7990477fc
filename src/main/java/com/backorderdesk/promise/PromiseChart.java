package com.backorderdesk.promise;

import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal bar chart laid out for the staff portal's {@code staff/chart :: bars}
 * fragment (an SVG {@code viewBox} 480 wide): labels left of x 150, bars up to 250 long,
 * the value to their right.
 *
 * @param bars the bars, top to bottom
 * @param height the chart's height
 */
record PromiseChart(List<Bar> bars, int height) {

	private static final int BAR_X = 150;

	private static final int BAR_MAX = 250;

	private static final int ROW = 26;

	/**
	 * Lays out bars proportional to their values over a scale.
	 * @param labels the bars' labels
	 * @param values the bars' values
	 * @param texts what each bar's value reads
	 * @param scale the value of a full-length bar, or 0 for the largest value
	 * @return the chart
	 */
	static PromiseChart of(List<String> labels, List<Double> values, List<String> texts, double scale) {
		double max = (scale > 0) ? scale : values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
		List<Bar> bars = new ArrayList<>();
		for (int i = 0; i < labels.size(); i++) {
			double width = (max > 0) ? Math.round(values.get(i) / max * BAR_MAX * 10) / 10.0 : 0;
			bars.add(new Bar(labels.get(i), texts.get(i), width, i * ROW + 4));
		}
		return new PromiseChart(bars, Math.max(ROW, labels.size() * ROW + 4));
	}

	/**
	 * One bar.
	 *
	 * @param label what it stands for
	 * @param text its value, as written next to it
	 * @param width its length
	 * @param y its top
	 */
	record Bar(String label, String text, double width, int y) {

		public int textY() {
			return this.y + 15;
		}

		public double valueX() {
			return BAR_X + this.width + 6;
		}

	}

}
