{{%AUTOESCAPE context="HTML"}}
{{! GET /indicators : per indicator a progress bar with the expected-pace marker and a monthly chart, both inline SVG built from numbers. Labels and goals come from indicators.yaml, in the UI language when it gives one (else English, marked with lang). SOURCE says where the target comes from; OWN marks the project's own targets. }}
<h1>{{T_ind_title}}</h1>
<p>{{T_ind_intro}}</p>
<p class="m">{{AS_OF}}</p>
{{#NONE}}<p>{{T_ind_none}}</p>{{/NONE}}
{{#IND}}<section aria-labelledby="i-{{ID}}">
<h2 id="i-{{ID}}" lang="{{LABEL_LANG}}">{{LABEL}}{{#OWN}} <span class="chip" lang="{{UI_LANG}}">{{T_ind_own}}</span>{{/OWN}}</h2>
{{#GOAL}}<p class="m">{{T_ind_goal}}: <span lang="{{LANG}}">{{TEXT}}</span></p>{{/GOAL}}
<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{{BAR_LABEL}}"><title>{{BAR_LABEL}}</title><rect class="b" width="100" height="10"/><rect class="v" width="{{BAR_W}}" height="10"/><rect class="x" x="{{EXPECTED_X}}" width=".8" height="10"/></svg>
<dl class="meta">
<dt>{{T_ind_counted}}</dt><dd>{{PROGRESS}}</dd>
<dt>{{T_ind_expected}}</dt><dd>{{EXPECTED}}</dd>
<dt>{{T_ind_status}}</dt><dd><strong class="st-{{STATUS}}">{{STATUS_TEXT}}</strong></dd>
<dt>{{T_ind_projected}}</dt><dd>{{PROJECTED}}</dd>
<dt>{{T_ind_period}}</dt><dd>{{PERIOD}}</dd>
{{#SOURCE}}<dt>{{T_ind_source}}</dt><dd>{{TEXT}}</dd>{{/SOURCE}}
</dl>
{{#CHART}}<details open><summary>{{TITLE}}</summary>
<svg class="chart" viewBox="0 0 320 {{HEIGHT}}" role="img" aria-label="{{LABEL}}"><title>{{LABEL}}</title>
{{#MONTH}}<text x="0" y="{{TEXT_Y}}">{{NAME}}</text><rect x="74" y="{{BAR_Y}}" width="{{BAR_W}}" height="11"/><text x="{{COUNT_X}}" y="{{TEXT_Y}}">{{COUNT}}</text>{{/MONTH}}
</svg></details>{{/CHART}}
</section>{{/IND}}
