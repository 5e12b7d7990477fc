package com.backorderdesk.staff;

import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal bar chart laid out for the staff portal's {@code staff/chart :: bars}
 * fragment, an SVG {@code viewBox} {@value #WIDTH} wide: labels left of x
 * {@value #BAR_X}, bars up to {@value #BAR_MAX} long, each bar's value written to its
 * right. Every page that draws one also gives its figures in a table.
 *
 * @param bars the bars, top to bottom
 * @param height the chart's height
 */
public record BarChart(List<Bar> bars, int height) {

	/** The chart's width in SVG units. */
	public static final int WIDTH = 480;

	/** Where bars start: the labels take the space to their left. */
	public static final int BAR_X = 150;

	/** The longest bar, leaving room for its value to the right. */
	public static final int BAR_MAX = 250;

	/** The height of one bar's row. */
	public static final int ROW = 26;

	public BarChart {
		bars = List.copyOf(bars);
	}

	/**
	 * Lays out bars proportional to their values, over a scale.
	 * @param labels the bars' labels
	 * @param values the bars' values, none negative
	 * @param texts what each bar's value reads
	 * @param scale the value of a full-length bar, or 0 for the largest value
	 * @return the chart
	 */
	public static BarChart of(List<String> labels, List<Double> values, List<String> texts, double scale) {
		double max = (scale > 0) ? scale : values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
		List<Bar> bars = new ArrayList<>();
		for (int i = 0; i < labels.size(); i++) {
			double width = (max > 0) ? Math.round(values.get(i) / max * BAR_MAX * 10) / 10.0 : 0;
			bars.add(new Bar(labels.get(i), texts.get(i), width, i * ROW + 4));
		}
		return new BarChart(bars, Math.max(ROW, labels.size() * ROW + 4));
	}

	/**
	 * One bar.
	 *
	 * @param label what it stands for
	 * @param text its value, as written next to it
	 * @param width its length
	 * @param y its top
	 */
	public record Bar(String label, String text, double width, int y) {

		/** Where the bar's label and value sit, vertically. */
		public int textY() {
			return this.y + 15;
		}

		/** Where the bar's value starts. */
		public double valueX() {
			return BAR_X + this.width + 6;
		}

	}

}
