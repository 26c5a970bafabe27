package io.sightline.perception.language;

import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.Tensor;
import io.sightline.runtime.TensorSpec;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A session without a graph, for tests: {@link #run} answers with the given function, {@link #close} is recorded. */
class FakeSession implements InferenceSession {
    private final UnaryOperator<Map<String, Tensor>> answer;
    boolean closed;

    FakeSession(UnaryOperator<Map<String, Tensor>> answer) {
        this.answer = answer;
    }

    @Override
    public List<TensorSpec> inputs() {
        return List.of();
    }

    @Override
    public List<TensorSpec> outputs() {
        return List.of();
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        return answer.apply(inputs);
    }

    @Override
    public void close() {
        closed = true;
    }
}
