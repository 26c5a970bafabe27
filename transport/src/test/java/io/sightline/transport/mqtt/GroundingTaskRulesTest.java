package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingTask;
import org.junit.jupiter.api.Test;

/** The request rules and the idempotency key with the task field: old clients keep GROUND, every task its own question. */
class GroundingTaskRulesTest {
    private static GroundingRequest.Builder request(String expression) {
        return GroundingRequest.newBuilder().setRequestId("r1").setExpression(expression);
    }

    @Test
    void anUnsetTaskIsGround() {
        assertThat(GroundingResponder.task(request("the cup").build())).isEqualTo(GroundingTask.GROUNDING_TASK_GROUND);
        assertThat(ResultCache.question(request("the cup").build()))
            .isEqualTo(ResultCache.question(request("the cup").setTask(GroundingTask.GROUNDING_TASK_GROUND).build()));
    }

    @Test
    void onlyDetectAndDescribeMayComeWithoutAnExpression() {
        assertThat(GroundingResponder.problemWith(request("").build())).contains("expression is empty");
        assertThat(GroundingResponder.problemWith(request(" ").setTask(GroundingTask.GROUNDING_TASK_ASK).build()))
            .contains("the question is empty");
        assertThat(GroundingResponder.problemWith(request("").setTask(GroundingTask.GROUNDING_TASK_DESCRIBE).build())).isEmpty();
        assertThat(GroundingResponder.problemWith(request("").setTask(GroundingTask.GROUNDING_TASK_DETECT).build())).isEmpty();
        assertThat(GroundingResponder.problemWith(request("x".repeat(1001)).setTask(GroundingTask.GROUNDING_TASK_ASK).build()))
            .hasValueSatisfying(p -> assertThat(p).contains("more than 1000"));
    }

    @Test
    void theSameWordsUnderAnotherTaskAreAnotherQuestion() {
        assertThat(ResultCache.question(request("the cup").setTask(GroundingTask.GROUNDING_TASK_DETECT).build()))
            .isNotEqualTo(ResultCache.question(request("the cup").build()));
        assertThat(ResultCache.question(request("is there a cup?").setTask(GroundingTask.GROUNDING_TASK_ASK).build()))
            .isNotEqualTo(ResultCache.question(request("is there a cup?").setTask(GroundingTask.GROUNDING_TASK_DETECT).build()));
    }
}
