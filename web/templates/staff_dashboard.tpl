{{%AUTOESCAPE context="HTML"}}
{{! GET /staff : the staff dashboard (issue 14). Every work with its four languages (present, missing, stale), this month's views and downloads, a page of 50 at a time (all, or only those missing or out of date); then guides due for review, drafts, scheduled guides, broken links and the zero-result searches of 30 days, each list cut at 50 with the count of the rest. No JavaScript. }}
<style>.dash{border-collapse:collapse;width:100%}.dash th,.dash td{padding:.3rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}.s-stale{background:#fff1c2}.s-missing{background:#f4f4f4}</style>
<h1>{{T_staff_dash_title}}</h1>
<p><a href="{{NEW_URL}}">{{T_staff_dash_new}}</a> · <a href="{{UPLOAD_URL}}">{{T_staff_dash_upload}}</a></p>
<h2 id="works">{{T_staff_dash_works}}</h2>
<p>{{SUMMARY}} <a href="{{SWITCH_URL}}">{{SWITCH}}</a></p>
<p class="m">{{T_staff_dash_works_help}}</p>
<table class="dash">
<thead><tr><th scope="col">{{T_staff_dash_work}}</th>{{#LANG_HEAD}}<th scope="col" lang="{{CODE}}">{{CODE}}</th>{{/LANG_HEAD}}<th scope="col">{{COUNTS_HEAD}}</th></tr></thead>
<tbody>
{{#WORK}}<tr><th scope="row"><a href="{{URL}}" lang="{{LANG}}">{{TITLE}}</a></th>
{{#CELL}}<td class="s-{{STATE}}">{{#PRESENT}}<a href="{{EDIT_URL}}">{{T_staff_state_present}}</a> <a class="m" href="{{HISTORY_URL}}">{{T_staff_dash_history}}</a>{{/PRESENT}}{{#STALE}}<a href="{{EDIT_URL}}"><strong>{{T_staff_state_stale}}</strong></a> <a class="m" href="{{HISTORY_URL}}">{{T_staff_dash_history}}</a>{{/STALE}}{{#MISSING}}<a href="{{NEW_URL}}">{{T_staff_state_missing}}</a>{{/MISSING}}</td>{{/CELL}}
<td>{{COUNTS}}</td></tr>
{{/WORK}}
</tbody>
</table>
{{#PAGER}}<p>{{#PREV}}<a href="{{PREV_URL}}" rel="prev">{{T_staff_dash_prev}}</a> · {{/PREV}}{{PAGE}}{{#NEXT}} · <a href="{{NEXT_URL}}" rel="next">{{T_staff_dash_next}}</a>{{/NEXT}}</p>{{/PAGER}}
{{#NO_STATS}}<p class="m">{{T_staff_dash_no_stats}}</p>{{/NO_STATS}}
<h2 id="review">{{T_staff_dash_review}}</h2>
{{#REVIEW_NONE}}<p>{{T_staff_dash_none}}</p>{{/REVIEW_NONE}}
<ul>{{#REVIEW}}<li><a href="{{EDIT_URL}}" lang="{{LANG}}">{{TITLE}}</a> <span class="m">{{LANG}} · {{DATE}}</span></li>{{/REVIEW}}</ul>{{#REVIEW_MORE}}<p class="m">{{REVIEW_MORE}}</p>{{/REVIEW_MORE}}
<h2 id="drafts">{{T_staff_dash_drafts}}</h2>
{{#DRAFTS_NONE}}<p>{{T_staff_dash_none}}</p>{{/DRAFTS_NONE}}
<ul>{{#DRAFT}}<li><a href="{{EDIT_URL}}" lang="{{LANG}}">{{TITLE}}</a> <span class="m">{{LANG}}</span></li>{{/DRAFT}}</ul>{{#DRAFT_MORE}}<p class="m">{{DRAFT_MORE}}</p>{{/DRAFT_MORE}}
<h2 id="scheduled">{{T_staff_dash_scheduled}}</h2>
{{#SCHEDULED_NONE}}<p>{{T_staff_dash_none}}</p>{{/SCHEDULED_NONE}}
<ul>{{#SCHEDULED}}<li><a href="{{EDIT_URL}}" lang="{{LANG}}">{{TITLE}}</a> <span class="m">{{LANG}} · {{DATE}}</span></li>{{/SCHEDULED}}</ul>{{#SCHEDULED_MORE}}<p class="m">{{SCHEDULED_MORE}}</p>{{/SCHEDULED_MORE}}
<h2 id="links">{{T_staff_dash_links}}</h2>
{{#LINKS_NONE}}<p>{{T_staff_dash_none}}</p>{{/LINKS_NONE}}
<ul>{{#LINK}}<li><a href="{{EDIT_URL}}">{{PATH}}:{{LINE}}</a> <code>{{TARGET}}</code></li>{{/LINK}}</ul>{{#LINK_MORE}}<p class="m">{{LINK_MORE}}</p>{{/LINK_MORE}}
<h2 id="searches">{{T_staff_dash_searches}}</h2>
<p class="m">{{T_staff_dash_searches_help}}</p>
{{#SEARCHES_NONE}}<p>{{T_staff_dash_none}}</p>{{/SEARCHES_NONE}}
<ul>{{#SEARCH}}<li><q lang="{{LANG}}">{{QUERY}}</q> <span class="m">{{LANG}} · {{COUNT}}</span></li>{{/SEARCH}}</ul>{{#SEARCH_MORE}}<p class="m">{{SEARCH_MORE}}</p>{{/SEARCH_MORE}}
