{{%AUTOESCAPE context="HTML"}}
{{! GET /search : every link (facets, sort, pages, did-you-mean) keeps the other parameters. }}
<h1>{{T_search_title}}</h1>
{{>FORM}}
{{#CORRECTED}}<p>{{T_search_did_you_mean}} <a href="{{URL}}">{{TEXT}}</a>{{T_search_did_you_mean_end}}</p>{{/CORRECTED}}
<h2>{{COUNT}}</h2>
{{#ACTIVE}}<p><span class="m">{{T_search_filters}}</span> {{#FILTER}}<span class="chip">{{LABEL}}: {{VALUE}} <a href="{{URL}}">{{T_search_remove}}<span class="vh"> {{LABEL}}: {{VALUE}}</span></a></span> {{/FILTER}}</p>{{/ACTIVE}}
{{#FACET}}<details><summary>{{LABEL}}</summary><ul class="res">{{#VALUE}}<li><a href="{{URL}}">{{NAME}}</a> <small>{{COUNT}}</small></li>{{/VALUE}}</ul></details>{{/FACET}}
{{#SORT}}<nav aria-label="{{T_search_sort}}"><ul><li class="m">{{T_search_sort}}</li>{{#BY}}<li>{{#LINK}}<a href="{{URL}}">{{TEXT}}</a>{{/LINK}}{{#CURRENT}}<span aria-current="true">{{TEXT}}</span>{{/CURRENT}}</li>{{/BY}}</ul></nav>{{/SORT}}
{{>LIST}}
{{>PAGER}}
{{#OTHER}}<h2>{{COUNT}}</h2>
{{>LIST}}{{/OTHER}}
{{#NONE}}<p>{{T_search_tips}}</p>
<ul>
<li>{{T_search_tip_spelling}}</li>
<li>{{T_search_tip_words}}</li>
{{#REMOVE_FILTERS}}<li><a href="{{URL}}">{{T_search_tip_no_filters}}</a></li>{{/REMOVE_FILTERS}}
</ul>
{{#BROWSE}}<p>{{T_search_tip_browse}}</p>
<ul class="topics">{{#TOPIC}}<li><a href="{{URL}}">{{NAME}}</a></li>{{/TOPIC}}</ul>{{/BROWSE}}{{/NONE}}
