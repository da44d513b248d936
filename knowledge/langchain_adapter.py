"""LangChain adapter: the knowledge base as a ``BaseRetriever`` the agent can wrap as a tool."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict


class KnowledgeBaseRetriever(BaseRetriever):
    """Documents' metadata hold source, title, section, page, score, chunk_id and 'citation'."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Any
    k: int = 5
    filters: dict | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        passages = self.retriever.search(query, k=self.k, filters=self.filters)
        return [
            Document(
                page_content=p.text,
                id=p.chunk_id,
                metadata={**p.model_dump(exclude={"text"}), "citation": p.citation()},
            )
            for p in passages
        ]
