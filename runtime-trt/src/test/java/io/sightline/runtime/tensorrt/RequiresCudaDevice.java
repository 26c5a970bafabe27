package io.sightline.runtime.tensorrt;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Tagged {@code gpu}; skipped, with the probe's reason, where no CUDA device and TensorRT load. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("gpu")
@ExtendWith(RequiresCudaDevice.Condition.class)
public @interface RequiresCudaDevice {
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            TensorRtAvailability trt = TensorRtProbe.availability();
            return trt.available() ? ConditionEvaluationResult.enabled(trt.toString())
                                   : ConditionEvaluationResult.disabled(trt.toString());
        }
    }
}
