package org.losslab.remote;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Partition requests on the wire as small JSON documents (readable in the broker's tools, no Java
 * serialization): {@code {"stepName":"train-block","stepExecutionId":42,"sentAt":"2026-..."}}.
 * The manager sends Spring Batch's {@link StepExecutionRequest}; a worker receives a
 * {@link PartitionRequest}, which also carries the send time (to measure transit).
 */
final class PartitionRequestCodec implements MessageConverter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public Message toMessage(Object object, MessageProperties properties) {
        if (!(object instanceof StepExecutionRequest request)) {
            throw new MessageConversionException("not a StepExecutionRequest: " + object);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stepName", request.getStepName());
        body.put("stepExecutionId", request.getStepExecutionId());
        body.put("sentAt", Instant.now().toString());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("UTF-8");
        return new Message(JSON.writeValueAsBytes(body), properties);
    }

    @Override
    public Object fromMessage(Message message) {
        try {
            JsonNode n = JSON.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
            JsonNode sent = n.get("sentAt");
            return new PartitionRequest(n.get("stepName").asString(), n.get("stepExecutionId").asLong(),
                    sent == null ? null : Instant.parse(sent.asString()));
        } catch (RuntimeException e) {
            throw new MessageConversionException("unreadable partition request: " + e.getMessage(), e);
        }
    }

    /** A partition request as a worker receives it. */
    record PartitionRequest(String stepName, long stepExecutionId, Instant sentAt) {
    }
}
