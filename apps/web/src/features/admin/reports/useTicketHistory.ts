import { historyReportSchema } from "@dq/shared";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useOffice } from "../../../app/office.ts";
import { useReport } from "./useReport.ts";

/** Rows per page of the tickets report. */
export const PAGE = 50;

/**
 * A page of the tickets report for the filters in `query` and a search by label; a new filter or
 * search starts from the first page.
 */
export function useTicketHistory(query: string) {
  const timeZone = useOffice().data?.timezone;
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const key = `${query}|${q}`;
  const [paging, setPaging] = useState({ key, page: 1 });
  const page = paging.key === key ? paging.page : 1;
  const params = new URLSearchParams(query);
  params.set("limit", String(PAGE));
  params.set("offset", String((page - 1) * PAGE));
  if (q) params.set("q", q);
  // Times are shown in the office's zone: not before it is known.
  const report = useReport("tickets", historyReportSchema, params.toString(), !!timeZone);
  const pages = report.data ? Math.max(1, Math.ceil(report.data.total / PAGE)) : 1;
  return {
    report,
    timeZone,
    search,
    setSearch,
    page,
    pages,
    setPage: (p: number) => setPaging({ key, page: p }),
  };
}
