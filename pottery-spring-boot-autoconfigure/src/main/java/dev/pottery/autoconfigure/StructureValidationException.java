package dev.pottery.autoconfigure;

/**
 * A structure of {@code pottery.structures} failed its startup check ({@code pottery.validate-on-startup=true});
 * {@link StructureValidationFailureAnalyzer} reports it.
 */
final class StructureValidationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String name;

	StructureValidationException(String name, String structure, Throwable cause) {
		super("Pottery could not validate " + StructureBeans.PREFIX + name + " (" + structure + ") at startup: "
				+ cause.getMessage(), cause);
		this.name = name;
	}

	String getName() {
		return this.name;
	}

}
