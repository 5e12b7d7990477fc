package com.backorderdesk.notification;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.expression.AccessException;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.TypedValue;

/**
 * Lets the e-mail templates read the components of the view records, and nothing else,
 * through accessor methods found once per record type. Thymeleaf wraps SpEL's reflective
 * accessor in an access check that it makes anew for every template call, with a cache
 * that starts empty, so it looked every {@code ${mail.*}} getter up by reflection again,
 * for every e-mail: most of the rendering time. Reading only record components, this one
 * needs no such check.
 */
final class RecordComponentReader implements PropertyAccessor {

	private static final ClassValue<Map<String, Method>> COMPONENTS = new ClassValue<>() {

		@Override
		protected Map<String, Method> computeValue(Class<?> type) {
			Map<String, Method> accessors = new HashMap<>();
			for (RecordComponent component : type.getRecordComponents()) {
				accessors.put(component.getName(), component.getAccessor());
			}
			return Map.copyOf(accessors);
		}

	};

	private final Class<?>[] types;

	/**
	 * Reads the components of records of this package.
	 * @param types the record types
	 */
	RecordComponentReader(Class<?>... types) {
		for (Class<?> type : types) {
			if (!type.isRecord()) {
				throw new IllegalArgumentException(type + " is not a record");
			}
		}
		this.types = types.clone();
	}

	@Override
	public Class<?>[] getSpecificTargetClasses() {
		return this.types.clone();
	}

	@Override
	public boolean canRead(EvaluationContext context, @Nullable Object target, String name) {
		return accessor(target, name) != null;
	}

	@Override
	public TypedValue read(EvaluationContext context, @Nullable Object target, String name) throws AccessException {
		Method accessor = accessor(target, name);
		if (accessor == null) {
			throw new AccessException("No component '" + name + "' to read");
		}
		try {
			return new TypedValue(accessor.invoke(target));
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new AccessException("Cannot read component '" + name + "' of " + accessor.getDeclaringClass(), ex);
		}
	}

	private @Nullable Method accessor(@Nullable Object target, String name) {
		if (target != null) {
			for (Class<?> type : this.types) {
				if (type == target.getClass()) {
					return COMPONENTS.get(type).get(name);
				}
			}
		}
		return null;
	}

	@Override
	public boolean canWrite(EvaluationContext context, @Nullable Object target, String name) {
		return false;
	}

	@Override
	public void write(EvaluationContext context, @Nullable Object target, String name, @Nullable Object newValue)
			throws AccessException {
		throw new AccessException("E-mail views are read-only");
	}

}
