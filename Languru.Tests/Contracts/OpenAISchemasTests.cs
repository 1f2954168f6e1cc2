using Languru.Tests.Infrastructure;

namespace Languru.Tests.Contracts;

/// <summary>The schema check itself: it must fail on what OpenAI's schemas forbid, or the wire tests prove nothing.</summary>
public class OpenAISchemasTests
{
    [TestCase("Response", """{"object":"response","created_at":1,"status":"completed","output":[]}""")]
    [TestCase("ResponseStreamEvent", """{"type":"response.output_text.delta","sequence_number":3,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"x"}""")]
    [TestCase("ResponseStreamEvent", """{"type":"response.made_up","sequence_number":0}""")]
    [TestCase("ResponseItemList", """{"object":"list","data":[{"type":"message","role":"user","content":[{"type":"input_text","text":"x"}]}],"has_more":false,"first_id":"a","last_id":"a"}""")]
    public void AssertValid_WhatTheSchemaForbids_Fails(string schema, string json)
    {
        // Act & Assert
        Assert.That(() => OpenAISchemas.AssertValid(schema, json), Throws.InstanceOf<AssertionException>());
    }

    [Test]
    public void AssertValid_OpenAIsOwnDeltaEvent_Passes()
    {
        // Act & Assert
        Assert.That(() => OpenAISchemas.AssertValid("ResponseStreamEvent",
            """{"type":"response.output_text.delta","sequence_number":3,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"x","logprobs":[]}"""), Throws.Nothing);
    }
}
