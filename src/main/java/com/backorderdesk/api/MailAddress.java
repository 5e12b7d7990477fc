package com.backorderdesk.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidValueException;

/**
 * An e-mail address the mailer can send to, by the one rule every entry point applies
 * ({@link InputRules#email}), so a body's bad address is reported with its other fields.
 * {@code null} is valid: {@code @NotBlank} says it is missing.
 */
@Documented
@Constraint(validatedBy = MailAddress.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@interface MailAddress {

	String message() default "must be an e-mail address like name@example.com";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/**
	 * Applies {@link InputRules#email}.
	 */
	class Validator implements ConstraintValidator<MailAddress, String> {

		@Override
		public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			try {
				InputRules.email("email", value);
				return true;
			}
			catch (InvalidValueException ex) {
				return false;
			}
		}

	}

}
