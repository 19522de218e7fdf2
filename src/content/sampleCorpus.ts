// The sample corpus a newcomer loads with one click: five short original documents about
// retrieval-augmented generation itself (three in English, two in Simplified Chinese), plus
// questions whose answers each live in exactly one of them.

export interface SampleDocument {
  name: string;
  kind: 'markdown' | 'text';
  text: string;
}

export interface SampleQuestion {
  question: string;
  /** Name of the document that answers the question. */
  expectedDocument: string;
  /** A substring of that document's text that the relevant passage contains. */
  expectedSubstring: string;
}

const WHAT_IS_RAG = `# What is retrieval-augmented generation?

Retrieval-augmented generation (RAG) is a way of answering questions with a language model while keeping the model tied to a collection of documents you choose. The name comes from a 2020 paper by Patrick Lewis and colleagues at Facebook AI Research, but the idea is simple enough to describe in three steps.

## The three steps

1. **Retrieval.** The question is compared against a library of text chunks, and the few chunks most likely to contain the answer are selected. Most systems do this with embeddings: every chunk and the question are turned into vectors, and the chunks whose vectors are closest to the question's vector win.
2. **Augmentation.** The selected chunks are pasted into the prompt, together with the question and an instruction such as "answer using only the context below".
3. **Generation.** The language model reads that prompt and writes an answer. Because the relevant passages are right in front of it, it can quote, summarise and combine them instead of relying on memory alone.

## The open-book exam

A helpful picture is the difference between a closed-book and an open-book exam. A model answering from its training alone is a student in a closed-book exam: it may remember a lot, but when it does not know, it is tempted to guess confidently. RAG turns the test into an open-book exam. The student may look things up, and the teacher can check which page each answer came from.

## Why it reduces hallucination

A hallucination is a fluent, confident answer that is not supported by any source. RAG reduces hallucination for three reasons:

- The model is given the facts it needs, so it has less reason to invent them.
- The prompt can tell the model to say "I don't know" when the context does not contain the answer.
- Every answer can cite the chunks it was built from, so a reader can verify it.

RAG also keeps knowledge fresh: to teach the system something new you add a document, with no retraining of the model.

## Limits

RAG is not magic. If retrieval misses the right passage, the model cannot use it, and it may still answer from memory. If a document is wrong, the answer will be wrong too, just with a citation. Only a limited number of chunks fit in the model's context window, so questions that need a whole book at once, such as "summarise every chapter", are hard. And a model can still misread a passage it was given. Good RAG systems therefore measure their retrieval, keep their sources clean, and show the retrieved text so people can judge for themselves.
`;

const CHUNKING_AND_EMBEDDINGS = `# Chunking and embeddings

Before a retrieval system can search your documents, it has to cut them into pieces and turn each piece into numbers. These two steps, chunking and embedding, decide much of the quality of everything that follows.

## Chunking

A chunk is a short, continuous span of a document, typically a few hundred characters long. Whole documents make poor search units: a ten-page report is about many things, and its single vector would be a blurry average of all of them. Small chunks are precise, but a chunk that is too small loses the context that makes it meaningful.

Three settings matter:

- **Chunk size.** A common starting point is 300 to 1,000 characters. Embedding models also have a maximum input length; all-MiniLM-L6-v2, for example, truncates input longer than 256 tokens, so anything after that is simply ignored.
- **Overlap.** Neighbouring chunks usually share some text, for example 10 to 20 percent of the chunk size. Overlap makes sure a sentence cut at a chunk boundary still appears whole in at least one chunk.
- **Boundaries.** Good chunkers prefer to cut at natural breaks: first between paragraphs, then between sentences, and only as a last resort in the middle of a word.

## What is an embedding?

An embedding is a list of numbers, a vector, that represents the meaning of a piece of text. Texts with similar meaning get vectors that point in similar directions, even when they share no words: "How do I reset my password?" lands near "Steps to recover your account". The popular all-MiniLM-L6-v2 model produces vectors with 384 dimensions; larger models use 768 or 1,024.

A transformer model first produces one vector per token. To get a single vector for the whole chunk, the token vectors are combined, most often by **mean pooling**: averaging them, while ignoring padding tokens. The result is then usually normalised to length 1.

## Cosine similarity

To compare two embeddings we measure the angle between them with cosine similarity. Cosine similarity ranges from -1 to 1: a value of 1 means the vectors point the same way, 0 means they are unrelated (orthogonal), and -1 means they point in opposite directions. In practice, scores between real sentences usually fall between 0 and 1. When vectors are normalised to length 1, cosine similarity is exactly their dot product, which is cheap to compute.

## Query and passage prefixes

Some models are trained to treat questions and documents differently. The e5 family, including multilingual-e5-small, expects every search query to start with "query: " and every stored chunk to start with "passage: ". Leaving the prefixes out still works, but retrieval quality drops. Always check a model's documentation for conventions like this.
`;

const EVALUATING_RETRIEVAL = `# Evaluating retrieval

If retrieval brings back the wrong chunks, even the best language model will give a poor answer. Measuring retrieval on its own is therefore the first step in improving a RAG system.

## Top-k

A retriever returns a ranked list, and we keep only the first k results, the top-k. A small k (say 3) keeps the prompt short and focused; a larger k (say 10) raises the chance that the right chunk is included, at the cost of more text for the model to read and more distractions.

## Hit rate and MRR

To evaluate, build a small test set: questions paired with the chunk or document that answers each one. Then run every question through the retriever.

- **Hit rate at k** is the fraction of questions whose answer appears anywhere in the top k.
- **MRR (Mean Reciprocal Rank)** also rewards putting the answer near the top. For each question take 1 divided by the rank of the first correct result, or 0 if it is missing, then average.

A worked example with four questions and k = 5:

| Question | Rank of first correct chunk | Reciprocal rank |
| --- | --- | --- |
| Q1 | 1 | 1 |
| Q2 | 3 | 1/3 |
| Q3 | not in top 5 | 0 |
| Q4 | 2 | 1/2 |

Three of the four answers were found, so the hit rate at 5 is 3/4 = 0.75. The MRR is (1 + 1/3 + 0 + 1/2) / 4 = 11/24, about 0.46. An MRR of 1 would mean every answer was ranked first.

## Hybrid search

Vector search is good at meaning but can miss exact terms such as product codes, names or rare words. Keyword search with BM25 is the opposite: it scores chunks by how often the query's words appear in them, giving more weight to rare words, and it knows nothing about synonyms. Hybrid search runs both and merges the two ranked lists. A simple, robust way to merge is reciprocal rank fusion: each chunk scores 1 / (60 + rank) in each list, and the scores are added. Hybrid search often beats either method alone.

## Reranking

A second stage can improve precision further. First retrieve a generous candidate list, for example the top 50 chunks, quickly. Then a reranker, usually a cross-encoder that reads the question and one chunk together, scores each candidate more carefully, and only the best 3 to 5 go into the prompt. Reranking is slower per chunk, which is why it is applied only to the short list.
`;

const RAG_INTRO_ZH = `# 检索增强生成简介

## 什么是检索增强生成

检索增强生成（Retrieval-Augmented Generation，简称 RAG）是一种让大语言模型"先查资料、再回答"的方法。模型本身的知识来自训练数据，既可能过时，也可能记错；RAG 的做法是在回答之前，先从我们提供的文档里找出相关的段落，再把这些段落连同问题一起交给模型。这样，模型的回答就有了依据，我们也能核对它引用的原文。

整个流程可以分成三步：检索（找到相关片段）、增强（把片段放进提示词）、生成（由模型写出答案）。

## 为什么需要它

和重新训练模型相比，RAG 有几个明显的好处。第一，更新知识很方便：想让系统知道一件新事情，只要加一篇文档，不必重新训练模型。第二，回答可以追溯：每个答案都能指出依据的是哪几段原文。第三，可以用在私有资料上：课堂讲义、公司手册、个人笔记，这些内容模型在训练时从来没见过，却可以通过检索临时"借"给它。

## 分块

文档往往很长，直接拿整篇文档去检索效果并不好：一篇长文讲了很多事情，很难判断它到底和哪个问题最相关。因此我们先把文档切成若干"块"（chunk），每块通常几百个字符。

分块时有两个要点：

- **块的大小**：太大，一块里混杂了多个主题；太小，又会丢掉理解一句话所需的上下文。
- **重叠**：相邻的块之间保留一小段相同的文字，避免一句话恰好被切断后，在哪个块里都不完整。

中文没有空格分词，切分时最好优先在段落和句号处断开，尽量不要把一句话拦腰截断。

## 向量嵌入

检索靠的是向量嵌入（embedding）。嵌入模型会把一段文字变成一串数字，也就是一个向量，例如 multilingual-e5-small 输出的向量有 384 维。意思相近的文字，向量的方向也相近，哪怕用词完全不同。比如"怎么退款"和"申请退货退钱的流程"，字面上没有几个字相同，向量却会靠得很近。

## 余弦相似度

判断两个向量是否相近，常用余弦相似度，也就是计算两个向量夹角的余弦值。它的取值范围是 -1 到 1：越接近 1，方向越一致，意思越相近；0 表示基本无关。检索时，系统把问题也转换成向量，再算出它与每个块的余弦相似度，取分数最高的几块，这几块就叫作 top-k 结果。

需要注意，相似度高只说明"话题相近"，并不保证这一块里真的有答案。问"北京的人口是多少"，检索到的可能是一段介绍北京历史的文字：话题一致，却没有所需的数字。

## 关键词检索与混合检索

向量检索擅长理解意思，却不太擅长精确匹配，比如产品型号、人名或者生僻术语。这时可以借助传统的关键词检索，例如 BM25 算法。需要注意的是，中文词与词之间没有空格，做关键词检索前要先分词，或者干脆按相邻的两个字切分。把向量检索和关键词检索的结果合并起来，就是混合检索，它常常比单用其中一种效果更好。

## 提示词模板

找到相关片段后，还要用一个提示词模板把它们组织起来。模板一般包括三部分：一段说明（例如"请只根据下面的资料回答"）、检索到的片段（最好标上编号和出处），以及用户的问题。说明写得清楚，模型才知道该依据什么作答、什么时候应该承认不知道。

## 开卷考试的比喻

可以把 RAG 想象成开卷考试。没有 RAG 的模型像是在闭卷考试，只能凭记忆作答，遇到不会的题也容易"编"一个答案；有了 RAG，模型可以翻书，而且答案出自哪一页清清楚楚。当然，开卷考试也要会查资料：如果翻错了页，答案照样会错。所以检索的质量，往往决定了最终回答的质量。想改进一个 RAG 系统，不妨先检查检索到的片段对不对，再去调整提示词和模型。
`;

const PROMPTS_AND_HALLUCINATION_ZH = `提示词与幻觉

一、提示词模板如何使用检索结果

在检索增强生成中，检索到的片段并不会自动"进入"模型的记忆。真正发生的事情很简单：程序把这些片段按顺序拼接成一段文字，放进提示词里，和用户的问题一起发给模型。一个常见的模板大致如下：

你是一个严谨的助手。请只根据下面的资料回答问题。
资料：
[1] （第一个片段，来自某文档）
[2] （第二个片段，来自另一文档）
问题：（用户的问题）

给每个片段加上编号，并注明它来自哪个文档，是后面引用来源的基础。

举个例子：用户问"火山喷发时熔岩有多热"，系统检索到两段关于熔岩温度的文字，于是把它们作为资料 [1] 和 [2] 填进模板。模型读到的是一整段文字，它并不知道哪些是"检索来的"，只知道说明要求它依据资料作答。也正因为如此，模板的措辞直接影响回答的质量。

二、为什么要让模型说"不知道"

大语言模型的天性是把话说完、说得通顺。如果资料里没有答案，它很可能凭印象编出一个看似合理的回答，这就是所谓的"幻觉"。因此，模板里通常会明确写上：如果资料中没有答案，请直接回答"不知道"。

这条要求看似简单，却很重要。一句诚实的"不知道"，比一个自信但错误的答案有用得多：用户知道该去别处查证，而不会被误导。检索没有找到相关内容时，这往往也提示我们，文档库里缺了资料，或者分块、检索的设置需要调整。

三、引用来源

要求模型在回答中标出依据，例如"根据资料 [2]"，有两个好处。第一，读者可以回到原文核对，判断答案是否可靠；第二，模型被要求"有据可查"时，随意发挥的空间更小。界面上最好把被引用的片段原文直接展示出来，让人一眼就能对照。

需要注意的是，引用本身也可能出错：模型有时会标错编号，或者引用的片段其实并不支持它的说法。所以引用是帮助核对的工具，而不是正确性的保证。

四、上下文窗口的限制

模型一次能读入的文字是有限的，这个上限叫作上下文窗口，用 token 数来计算。不少能在浏览器里运行的小模型，上下文窗口只有 4096 个 token。一个汉字通常对应一到两个 token，具体取决于分词器。提示词模板、检索到的片段、用户的问题和模型要写的回答，都要挤在这个窗口里。

因此不能把检索结果无限制地塞进去。常见的做法是只取相似度最高的前几个片段，并为回答预留足够的空间。如果片段仍然放不下，有的系统会丢掉排名靠后的片段，有的会先把片段压缩成摘要再放进去，但摘要也可能漏掉关键细节。研究还发现，当上下文很长时，模型对开头和结尾的信息利用得比较好，对中间部分容易忽略。所以片段并不是越多越好，少而准的资料往往带来更好的回答。

五、写好模板的几个小建议

1. 把说明、资料和问题分开写，用明显的标记隔开，不要让模型把资料里的句子误当成指令。
2. 要求模型用提问所用的语言作答：用中文提问，就用中文回答，即使资料是英文的。
3. 说明要具体。与其只写"请认真回答"，不如写清楚"只根据资料回答；资料中没有答案时回答'不知道'；每个结论后标出资料编号"。
4. 生成时把随机性（temperature）调低一些，回答会更稳定，也更贴近原文。
5. 多用几个问题试一试，尤其是资料里确实没有答案的问题，看看模型是否真的会说"不知道"。

总之，提示词模板是连接检索和生成的桥梁。检索负责把对的资料找出来，模板负责告诉模型如何使用这些资料、在什么情况下应该停下来承认不知道。
`;

export const SAMPLE_DOCUMENTS: SampleDocument[] = [
  { name: 'what-is-rag.md', kind: 'markdown', text: WHAT_IS_RAG },
  { name: 'chunking-and-embeddings.md', kind: 'markdown', text: CHUNKING_AND_EMBEDDINGS },
  { name: 'evaluating-retrieval.md', kind: 'markdown', text: EVALUATING_RETRIEVAL },
  { name: '检索增强生成简介.md', kind: 'markdown', text: RAG_INTRO_ZH },
  { name: '提示词与幻觉.txt', kind: 'text', text: PROMPTS_AND_HALLUCINATION_ZH },
];

export const SAMPLE_QUESTIONS: SampleQuestion[] = [
  {
    question: 'Why does retrieval-augmented generation reduce hallucination?',
    expectedDocument: 'what-is-rag.md',
    expectedSubstring: 'so it has less reason to invent them',
  },
  {
    question: 'How many dimensions does an all-MiniLM-L6-v2 embedding have?',
    expectedDocument: 'chunking-and-embeddings.md',
    expectedSubstring: '384 dimensions',
  },
  {
    question: 'What is the range of cosine similarity?',
    expectedDocument: 'chunking-and-embeddings.md',
    expectedSubstring: 'Cosine similarity ranges from -1 to 1',
  },
  {
    question: 'Which prefixes do e5 models expect on queries and passages?',
    expectedDocument: 'chunking-and-embeddings.md',
    expectedSubstring: 'start with "query: "',
  },
  {
    question: 'What was the MRR in the worked example with four questions?',
    expectedDocument: 'evaluating-retrieval.md',
    expectedSubstring: 'about 0.46',
  },
  {
    question: 'How does hybrid search combine BM25 and vector search?',
    expectedDocument: 'evaluating-retrieval.md',
    expectedSubstring: 'reciprocal rank fusion',
  },
  {
    question: '为什么可以把检索增强生成比作开卷考试？',
    expectedDocument: '检索增强生成简介.md',
    expectedSubstring: '可以把 RAG 想象成开卷考试',
  },
  {
    question: '余弦相似度的取值范围是多少？',
    expectedDocument: '检索增强生成简介.md',
    expectedSubstring: '取值范围是 -1 到 1',
  },
  {
    question: '资料里没有答案时，模型应该怎么回答？',
    expectedDocument: '提示词与幻觉.txt',
    expectedSubstring: '请直接回答"不知道"',
  },
  {
    question: '浏览器里的小模型上下文窗口一般有多大？',
    expectedDocument: '提示词与幻觉.txt',
    expectedSubstring: '4096 个 token',
  },
];
