import { describe, expect, it } from "vitest";
import { csvRow } from "@/lib/csv";
import { createRecordCounter } from "./record-counter";

describe("createRecordCounter", () => {
  it("counts JSON Lines across chunk boundaries", () => {
    const counter = createRecordCounter("jsonl");
    expect(counter.push('{"a":1}\n{"a"')).toBe(1);
    expect(counter.push(':2}\n')).toBe(2);
  });

  it("counts CSV records without the header, ignoring line breaks and quotes inside cells", () => {
    const text = csvRow(["id", "sentence"]) + csvRow(["1", 'Said "hi"\r\nover two lines']) + csvRow(["2", "plain"]);
    const counter = createRecordCounter("csv");
    let count = 0;
    // One character at a time: the worst split a stream can make.
    for (const char of text) count = counter.push(char);
    expect(count).toBe(2);
  });
});
