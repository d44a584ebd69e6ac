{{%AUTOESCAPE context="HTML"}}
{{! Previous / page numbers / next; every link keeps the page's filters. }}
<nav class="pager" aria-label="{{T_pager_label}}"><ul>
{{#PREV}}<li><a href="{{URL}}" rel="prev">‹ {{T_pager_prev}}</a></li>{{/PREV}}
{{#PAGE}}<li>{{#LINK}}<a href="{{URL}}"><span class="vh">{{T_pager_page}} </span>{{N}}</a>{{/LINK}}{{#CURRENT}}<span aria-current="page"><span class="vh">{{T_pager_page}} </span>{{N}}</span>{{/CURRENT}}{{#GAP}}<span>…</span>{{/GAP}}</li>{{/PAGE}}
{{#NEXT}}<li><a href="{{URL}}" rel="next">{{T_pager_next}} ›</a></li>{{/NEXT}}
</ul></nav>
